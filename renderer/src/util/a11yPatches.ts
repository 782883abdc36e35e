/**
 * Two fixes for assistive technology over Ant Design, applied to whatever is rendered:
 * - its icons name themselves in English (`aria-label="search"`, "loading", "upload"), which
 *   a screen reader reads out. The icons sit beside Vietnamese text, so they are decoration,
 *   hidden; a button that is only an icon carries its own Vietnamese `aria-label` (axe
 *   reports one that does not);
 * - hiding those icons leaves a pager's previous/next buttons without a name, so each takes
 *   the Vietnamese title antd puts on its list item ("Trang Trước", "Trang Kế");
 * - a table that scrolls sideways can be reached by Tab, so its hidden columns can be
 *   scrolled into view with the arrow keys.
 */
const ICON = 'span.anticon[aria-label]';
const PAGER_BUTTON = 'li[title] > button.ant-pagination-item-link:not([aria-label])';
const SCROLLER = '.ant-table-content[style*="overflow"]:not([tabindex])';

function quietIcon(icon: Element): void {
  icon.removeAttribute('aria-label');
  icon.removeAttribute('role');
  icon.setAttribute('aria-hidden', 'true');
}

function patch(root: Element): void {
  if (root.matches(ICON)) quietIcon(root);
  for (const icon of root.querySelectorAll(ICON)) quietIcon(icon);
  for (const button of root.querySelectorAll(PAGER_BUTTON)) {
    const title = button.parentElement?.getAttribute('title');
    if (title) button.setAttribute('aria-label', title);
  }
  for (const scroller of root.querySelectorAll(SCROLLER)) scroller.setAttribute('tabindex', '0');
}

export function patchAccessibility(root: HTMLElement = document.body): () => void {
  patch(root);
  const observer = new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.target instanceof Element && change.type === 'attributes') patch(change.target);
      for (const node of change.addedNodes) if (node instanceof Element) patch(node);
    }
  });
  observer.observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-label'],
  });
  return () => observer.disconnect();
}
