import { Component, type ReactNode } from 'react';

/** A report from another version (or a damaged file) must not blank the app: show what failed. */
export class ScreenBoundary extends Component<{ screen: string; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidUpdate(prev: { screen: string }) {
    if (prev.screen !== this.props.screen && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="screen" role="alert">
        <h1>This screen cannot be shown</h1>
        <p>Part of the report has a shape this version does not understand: {this.state.error.message}</p>
        <p className="muted">The other screens and the exports still work.</p>
      </div>
    );
  }
}
