import {Table} from '@alcalzone/ink-table';
import {render} from 'ink';
import React from 'react';

/** Print rows once as an ink table (terminals only; pipes get plain-table.ts). */
export async function renderTable(rows: Array<Record<string, string>>): Promise<void> {
	const instance = render(<Table data={rows} />, {patchConsole: false, exitOnCtrlC: false});
	instance.unmount();
	await instance.waitUntilExit();
}
