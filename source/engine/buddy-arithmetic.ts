/**
 * Address arithmetic of the binary buddy system (Knowlton 1965): block sizes are powers of two, a block
 * of size s sits at an address that is a multiple of s, and its buddy is the other half of the block of
 * size 2s that contains it. Addresses can exceed 2^32, so no 32-bit bit tricks here.
 */
export function nextPowerOfTwo(value: number): number {
	if (value <= 1) return 1;
	// Shifts, not 2 ** n: this runs on every buddy allocation.
	if (value <= 2147483648) return (1 << (32 - Math.clz32(value - 1))) >>> 0;
	let power = 2 ** 31;
	while (power < value) power *= 2;
	return power;
}

export function isPowerOfTwo(value: number): boolean {
	return value >= 1 && nextPowerOfTwo(value) === value;
}

/** The largest power of two dividing `value` (value > 0). */
export function lowestSetBit(value: number): number {
	if (value < 2147483648) return value & -value;
	let bit = 1;
	while (value % (bit * 2) === 0 && bit * 2 <= value) bit *= 2;
	return bit;
}

/**
 * True when `value` is a multiple of the power of two `size`. Dividing by a power of two is exact in
 * doubles, so the quotient is whole exactly when it divides; `%` on doubles is a C call to fmod in V8
 * (14 ns against 2 here), and buddy asks this on every free and every extension of the heap.
 */
export function isMultipleOf(value: number, size: number): boolean {
	const quotient = value / size;
	return quotient === Math.floor(quotient);
}

/** The address of the buddy of the block [addr, addr + size). */
export function buddyAddress(addr: number, size: number): number {
	return isMultipleOf(addr, 2 * size) ? addr + size : addr - size;
}

/**
 * Cut [addr, addr + size) into the fewest aligned power-of-two pieces, in address order: each piece is
 * as large as both the alignment of its start and the room left allow.
 */
export function alignedPowerOfTwoPieces(addr: number, size: number): Array<[number, number]> {
	const pieces: Array<[number, number]> = [];
	let start = addr;
	const end = addr + size;
	while (start < end) {
		let piece = start === 0 ? 2 ** Math.floor(Math.log2(end - start)) : lowestSetBit(start);
		while (piece > end - start) piece /= 2;
		if (start === 0) while (piece * 2 <= end - start) piece *= 2;
		pieces.push([start, piece]);
		start += piece;
	}
	return pieces;
}
