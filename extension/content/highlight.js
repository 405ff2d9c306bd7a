// Marks the page's message elements that gave the signs, and undoes it exactly.
// Uses the CSSOM (style.setProperty), which a page's style-src CSP does not block.

const PROPS = ['outline', 'outline-offset', 'background-color'];

export class Highlighter {
  constructor() {
    this.saved = new Map(); // node -> previous inline values
  }

  get active() {
    return this.saved.size > 0;
  }

  show(nodes, {reducedMotion}) {
    this.clear();
    for (const node of nodes) {
      if (!node || !node.isConnected || !node.style) continue;
      this.saved.set(node, PROPS.map((p) => [p, node.style.getPropertyValue(p), node.style.getPropertyPriority(p)]));
      node.style.setProperty('outline', '3px solid #c2410c', 'important');
      node.style.setProperty('outline-offset', '2px', 'important');
    }
    const first = nodes.find((n) => n && n.isConnected);
    if (first && first.scrollIntoView) {
      first.scrollIntoView({block: 'center', behavior: reducedMotion ? 'auto' : 'smooth'});
    }
    return this.saved.size;
  }

  clear() {
    for (const [node, props] of this.saved) {
      for (const [p, value, priority] of props) {
        if (value) node.style.setProperty(p, value, priority);
        else node.style.removeProperty(p);
      }
    }
    this.saved.clear();
  }
}
