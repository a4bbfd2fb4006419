import {Op} from '../../engine/events.js';
import {GeneratorSource} from './generator-source.js';

const documentCount = 4;
const maxTreesPerDocument = 8;
const maxTreeNodes = 30;
/** Steps between replacing a whole document (a page navigation). */
const documentLifetime = 600;

interface Doc {
	id: number;
	born: number;
	/** Each tree's node ids in creation order: every node's parent comes before it. */
	trees: number[][];
}

/**
 * A UI-like program: a few documents (roots) each hold subtrees of elements and text nodes that are
 * built, visited (touched) and dropped, and every so often a whole document is replaced. Everything
 * dropped is freed right after the reference to it is removed, so this is the healthy graph
 * workload: a garbage collector finds nothing to reclaim and a leak detector nothing to report.
 *
 * Nodes are freed in creation order, parents first: a freed node takes its outgoing references
 * with it, so no live block ever points at a freed one.
 */
export class TreeChurnWorkload extends GeneratorSource {
	readonly name = 'tree-churn';
	readonly hasGraph = true;
	readonly leakingSites: readonly string[] = [];
	private readonly documentSite = this.sites.intern('dom.document');
	private readonly elementSite = this.sites.intern('dom.element');
	private readonly textSite = this.sites.intern('dom.text');
	private readonly docs: Doc[] = [];

	protected step(): void {
		if (this.docs.length < documentCount) return this.openDocument();
		this.emit(Op.tick, 0, 1);
		const doc = this.rng.pick(this.docs);
		if (this.now - doc.born > documentLifetime && this.rng.chance(0.01)) return this.replaceDocument(doc);
		const grow = doc.trees.length === 0 || (doc.trees.length < maxTreesPerDocument && this.rng.chance(0.5));
		if (grow) this.buildTree(doc);
		else this.dropTree(doc, this.rng.int(0, doc.trees.length - 1));
		this.visit(doc);
	}

	private openDocument(): void {
		const id = this.newId();
		this.emit(Op.alloc, id, 512, this.documentSite);
		this.emit(Op.root, id);
		this.docs.push({id, born: this.now, trees: []});
	}

	private buildTree(doc: Doc): void {
		const top = this.newId();
		this.emit(Op.alloc, top, this.rng.int(64, 256), this.elementSite);
		this.emit(Op.ref, doc.id, top);
		const nodes = [top];
		const count = this.rng.int(1, maxTreeNodes);
		for (let i = 1; i < count; i++) {
			const parent = nodes[this.rng.int(0, nodes.length - 1)]!;
			const id = this.newId();
			const text = this.rng.chance(0.4);
			this.emit(Op.alloc, id, text ? this.rng.int(16, 128) : this.rng.int(64, 256), text ? this.textSite : this.elementSite);
			this.emit(Op.ref, parent, id);
			nodes.push(id);
		}
		doc.trees.push(nodes);
	}

	private dropTree(doc: Doc, index: number): void {
		const nodes = doc.trees[index]!;
		doc.trees.splice(index, 1);
		this.emit(Op.unref, doc.id, nodes[0]!);
		for (const id of nodes) this.emit(Op.free, id);
	}

	/** A render pass touches the document and a few nodes of one tree: live data is used data. */
	private visit(doc: Doc): void {
		this.emit(Op.touch, doc.id);
		if (doc.trees.length === 0) return;
		const nodes = this.rng.pick(doc.trees);
		for (let i = this.rng.int(1, 3); i > 0; i--) this.emit(Op.touch, this.rng.pick(nodes));
	}

	/** Navigation: the old document is unrooted and freed with all its trees, and a new one opens. */
	private replaceDocument(doc: Doc): void {
		this.emit(Op.unroot, doc.id);
		this.emit(Op.free, doc.id);
		for (const nodes of doc.trees) for (const id of nodes) this.emit(Op.free, id);
		this.docs.splice(this.docs.indexOf(doc), 1);
		this.openDocument();
	}
}
