import { render, type TemplateResult } from 'lit';

/**
 * Renders `[key, template]` pairs as the children of `parent`, one `<div>` card per key, keeping
 * each card's DOM node for as long as its key is listed: a banner inserted or removed elsewhere
 * never re-creates or moves the others, so focus stays on the button the user is on and an
 * alert is not re-inserted (re-announced). Only cards whose order changed are moved. (Lit's
 * `repeat` directive does this too, for five times the bytes.)
 */
export function renderKeyedCards(parent: Element, items: Array<[string, TemplateResult]>, cards: Map<string, HTMLElement>): void {
  const keys = new Set(items.map(([key]) => key));
  for (const [key, card] of cards) {
    if (!keys.has(key)) {
      card.remove();
      cards.delete(key);
    }
  }
  let next = parent.firstChild;
  for (const [key, template] of items) {
    let card = cards.get(key);
    if (!card) cards.set(key, (card = document.createElement('div')));
    render(template, card);
    if (card === next) next = next.nextSibling;
    else parent.insertBefore(card, next);
  }
}
