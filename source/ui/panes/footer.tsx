import React, {memo} from 'react';
import {Lines} from '../components/lines.js';
import type {Line, Span} from '../components/spans.js';
import {keymap} from '../keymap/commands.js';

const entries = keymap.filter(spec => spec.footer).map(spec => ({keys: spec.footerLabel ?? spec.label, text: spec.footer!}));

/** The footer never changes: one line built once, painted as one string per frame. */
const footer: readonly Line[] = [
	entries.flatMap(({keys, text}, i): Span[] => [{text: i > 0 ? '  ' : ''}, {text: keys, tone: 'accent', bold: true}, {text: ` ${text}`}]),
];

/** The main keys, from the keymap (the same table the dispatcher and the help overlay use). */
export const Footer = memo(function Footer({width}: {readonly width: number}) {
	return <Lines lines={footer} width={width} height={1} />;
});
