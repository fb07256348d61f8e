import { Icon, type IconName } from './Icon';

export function Placeholder({ icon, title, children }: { icon: IconName; title: string; children: string }) {
  return (
    <div className="page placeholder" data-testid={`placeholder-${title.toLowerCase()}`}>
      <Icon name={icon} size={40} />
      <h1>{title}</h1>
      <p className="muted">{children}</p>
      <span className="pill">Coming soon</span>
    </div>
  );
}
