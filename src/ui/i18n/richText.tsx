/** The tags messages may use for rich text, filled in by <Trans components={RICH_TEXT}>. */
export const RICH_TEXT = {
  code: <code />,
  var: <var />,
  em: <em />,
  strong: <strong />,
};
