/**
 * A spinner in the brand colour, drawn by CSS (global.css `.bl-spinner`): the fallback of every lazy
 * page, so it must not need antd's Spin before the page itself has loaded.
 */
export const Loading = () => (
  <div style={{ padding: 48, textAlign: 'center' }} role="progressbar" aria-label="加载中">
    <span className="bl-spinner" />
  </div>
);
