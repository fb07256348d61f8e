import { createContext, useContext, type JSX } from 'react';
import { DecoratorNode, type DOMConversionMap, type DOMExportOutput, type LexicalNode, type NodeKey, type SerializedLexicalNode, type Spread } from 'lexical';

/**
 * Inline images in the composer. An image added to the draft as an inline attachment is kept as
 * its Content-ID and exported as <img src="cid:…">, which the core turns into a related MIME
 * part; the editor shows it from a local object URL the composer provides by cid.
 */
export const CidUrlContext = createContext<(cid: string) => string | undefined>(() => undefined);

type SerializedImageNode = Spread<{ src: string; cid: string | null; alt: string }, SerializedLexicalNode>;

function ImageView({ src, cid, alt }: { src: string; cid: string | null; alt: string }) {
  const resolve = useContext(CidUrlContext);
  const url = cid ? resolve(cid) : src;
  if (!url) return <span className="compose-image-loading" data-testid="compose-inline-image-loading">{alt || 'image'}…</span>;
  return <img className="compose-image" src={url} alt={alt} data-testid="compose-inline-image" data-cid={cid ?? undefined} draggable={false} />;
}

export class ImageNode extends DecoratorNode<JSX.Element> {
  __src: string;
  __cid: string | null;
  __alt: string;

  static override getType(): string {
    return 'pmsync-image';
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(node.__src, node.__cid, node.__alt, node.__key);
  }

  constructor(src: string, cid: string | null, alt: string, key?: NodeKey) {
    super(key);
    this.__src = src;
    this.__cid = cid;
    this.__alt = alt;
  }

  static override importJSON(json: SerializedImageNode): ImageNode {
    return $createImageNode(json.src, json.cid, json.alt);
  }

  override exportJSON(): SerializedImageNode {
    return { ...super.exportJSON(), type: ImageNode.getType(), version: 1, src: this.__src, cid: this.__cid, alt: this.__alt };
  }

  static override importDOM(): DOMConversionMap {
    return {
      img: () => ({
        priority: 1,
        conversion: (element) => {
          const img = element as HTMLImageElement;
          const raw = img.getAttribute('src') ?? '';
          const cid = raw.toLowerCase().startsWith('cid:') ? decodeURIComponent(raw.slice(4)) : null;
          return { node: $createImageNode(cid ? '' : raw, cid, img.getAttribute('alt') ?? '') };
        },
      }),
    };
  }

  override exportDOM(): DOMExportOutput {
    const img = document.createElement('img');
    img.setAttribute('src', this.__cid ? `cid:${this.__cid}` : this.__src);
    if (this.__alt) img.setAttribute('alt', this.__alt);
    return { element: img };
  }

  override createDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'compose-image-wrap';
    return span;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): boolean {
    return true;
  }

  override decorate(): JSX.Element {
    return <ImageView src={this.__src} cid={this.__cid} alt={this.__alt} />;
  }
}

export function $createImageNode(src: string, cid: string | null, alt: string): ImageNode {
  return new ImageNode(src, cid, alt);
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}
