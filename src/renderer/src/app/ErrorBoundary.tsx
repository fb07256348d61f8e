import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Shown in the fallback: which part of the app failed. */
  area: string;
  children: ReactNode;
}

/** A rendering failure in one area shows a way out instead of a blank window. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`[renderer] ${this.props.area} crashed`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h2>Something went wrong in {this.props.area}.</h2>
        <p className="muted">{this.state.error.message}</p>
        <p className="muted">Your mail is safe: nothing was changed. Try again; if it keeps happening, reload the window.</p>
        <button type="button" className="button primary" onClick={() => this.setState({ error: null })}>Try again</button>
      </div>
    );
  }
}
