import {Table} from '@alcalzone/ink-table';
import {Transform} from 'ink';
import React, {memo, type ReactNode} from 'react';
import {formatBytes, formatCount, formatPercent} from '../../format/units.js';
import {Tint} from '../components/color.js';
import {PaneFrame} from '../components/pane-frame.js';
import type {SitesSlice} from '../store/snapshot.js';

interface SitesPaneProps {
	readonly slice: SitesSlice;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

type Row = {site: string; blocks: string; bytes: string; 'allocs/s': string; share: string};

/** ink-table draws a box around every row; the dashboard wants only the columns. */
const NoSkeleton = (() => null) as unknown as (props: {children?: ReactNode}) => React.JSX.Element;
const Heading = ({children}: {children?: ReactNode}) => <Tint tone="muted">{children}</Tint>;

/**
 * A table cell whose figures change every refresh: laid out as spaces of the cell's width and
 * filled in as the frame is written (see `Lines`), so Ink never measures, nor caches forever, the
 * ever-changing figures themselves.
 */
const Cell = ({children}: {children?: ReactNode}) => {
	const text = String(children ?? '');
	return <Transform transform={() => text}>{' '.repeat(text.length)}</Transform>;
};

const columns = [
	{key: 'site', align: 'left'},
	{key: 'blocks', align: 'right'},
	{key: 'bytes', align: 'right'},
	{key: 'allocs/s', align: 'right'},
	{key: 'share', align: 'right'},
] as const;

function fit(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, Math.max(1, width - 1))}…` : text;
}

/** The top allocation sites (or owners, `o`) by live bytes, as a table. */
export const SitesPane = memo(function SitesPane({slice, width, height, focused}: SitesPaneProps) {
	const inner = Math.max(1, width - 2);
	const visible = Math.max(0, height - 3);
	const title = slice.grouping === 'sites' ? 'site' : 'owner';
	if (!slice.available || slice.rows.length === 0) {
		return (
			<PaneFrame title="Sites" width={width} height={height} focused={focused}>
				<Tint tone="muted">{slice.available ? 'no live blocks' : 'per-site figures need leak tracking (--leaks)'}</Tint>
			</PaneFrame>
		);
	}
	const start = Math.min(slice.scroll, Math.max(0, slice.rows.length - visible));
	const rows: Row[] = slice.rows.slice(start, start + visible).map(row => ({
		site: row.name,
		blocks: formatCount(row.blocks),
		bytes: Number.isNaN(row.bytes) ? '–' : formatBytes(row.bytes),
		'allocs/s': formatCount(Math.round(row.allocsPerSec)),
		share: Number.isNaN(row.share) ? '–' : formatPercent(row.share),
	}));
	const others = Math.max(...rows.map(r => r.blocks.length), 6) + Math.max(...rows.map(r => r.bytes.length), 5) + 8 + 6 + 10;
	const siteWidth = Math.max(6, inner - others);
	for (const row of rows) row.site = fit(row.site, siteWidth);
	const data = rows.map(row => ({[title]: row.site, blocks: row.blocks, bytes: row.bytes, 'allocs/s': row['allocs/s'], share: row.share}));
	const tableColumns = columns.map(column => (column.key === 'site' ? {...column, key: title} : column));
	return (
		<PaneFrame title="Sites" width={width} height={height} focused={focused} note={`${slice.rows.length} ${title}s · o: ${slice.grouping === 'sites' ? 'owners' : 'sites'}`}>
			<Table data={data} columns={tableColumns as never} padding={1} skeleton={NoSkeleton} header={Heading} cell={Cell} />
		</PaneFrame>
	);
});
