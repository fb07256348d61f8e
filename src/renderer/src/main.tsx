import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ConnectedClient } from '../../shared/api/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { ServicesProvider } from './app/services';
import { applyTheme, loadTheme } from './app/theme';
import { connect } from './connection/connect';
import { CONNECTION_REFUSED } from './connection/websocket-transport';
import './styles/base.css';
import './styles/layout.css';
import './styles/mail.css';
import './styles/overlays.css';
import './styles/accounts.css';

function NoToken() {
  return (
    <div className="no-token">
      <div className="card">
        <div className="rail-logo big" aria-hidden="true">P</div>
        <h1>Open PMSync from the link it printed</h1>
        <p>This page needs the private link that <code>pmsync serve</code> prints when it starts, for example:</p>
        <pre>http://127.0.0.1:5173/?token=…</pre>
        <p className="muted">The token keeps other programs on this computer out of your mail. Start PMSync with <code>pmsync serve</code> and open the URL it shows.</p>
      </div>
    </div>
  );
}

function CannotConnect() {
  return (
    <div className="no-token">
      <div className="card" role="alert">
        <div className="rail-logo big" aria-hidden="true">P</div>
        <h1>Cannot connect to PMSync</h1>
        <p>PMSync is not answering at this address, or this link is from an earlier run (each run of <code>pmsync serve</code> prints a new private link).</p>
        <p className="muted">Check that <code>pmsync serve</code> is running, then open the URL it printed.</p>
        <button type="button" className="button primary" onClick={() => location.reload()}>Try again</button>
      </div>
    </div>
  );
}

function Connected({ client, onLost }: { client: ConnectedClient; onLost(listener: (reason: string) => void): () => void }) {
  const [lost, setLost] = useState<string | null>(null);
  useEffect(() => onLost(setLost), [onLost]);
  if (lost === CONNECTION_REFUSED) return <CannotConnect />;
  return (
    <ServicesProvider client={client}>
      <App lostReason={lost} />
    </ServicesProvider>
  );
}

applyTheme(loadTheme());
const connection = connect();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary area="PMSync">
      {connection.kind === 'no-token' ? <NoToken /> : <Connected client={connection.client} onLost={connection.onLost} />}
    </ErrorBoundary>
  </StrictMode>,
);
