/**
 * Site and owner names as small integers. Index 0 is the empty name ("no site given"), so typed
 * arrays initialised to zero mean "unnamed".
 */
export class Interner {
	private readonly byName = new Map<string, number>();
	private readonly names: string[] = [''];

	intern(name: string): number {
		if (name === '') return 0;
		let index = this.byName.get(name);
		if (index === undefined) {
			index = this.names.length;
			this.names.push(name);
			this.byName.set(name, index);
		}
		return index;
	}

	name(index: number): string {
		return this.names[index] ?? '';
	}

	lookup(name: string): number | undefined {
		return name === '' ? 0 : this.byName.get(name);
	}

	get size(): number {
		return this.names.length;
	}

	all(): readonly string[] {
		return this.names;
	}
}
