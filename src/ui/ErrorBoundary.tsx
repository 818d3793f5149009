import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What failed, for the message ("the regularization experiment"). */
  what: string;
  children: ReactNode;
}

/** A cell that fails to draw says so and offers a retry; the rest of the notebook keeps working. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`${this.props.what} failed to draw`, error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="error">
        <p>
          Something went wrong while drawing {this.props.what}: {this.state.error.message}. The rest of the notebook still
          works, and nothing you measured was lost.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
