import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

interface Props {
  /** What failed, in the reader's language ("the regularization experiment"). */
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
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <div role="alert" className="error">
            <p>{t('errorBoundary.message', { what: this.props.what, message: error.message })}</p>
            <button type="button" onClick={() => this.setState({ error: null })}>
              {t('errorBoundary.retry')}
            </button>
          </div>
        )}
      </Translation>
    );
  }
}
