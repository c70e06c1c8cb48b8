/* compare-svg.h: the queue-depth plot of a comparison, as SVG.  One x
 * position per backlog label of the catalogue for a socket kind (INT_MIN
 * .. INT_MAX, in backlog order, with the numeric backlog under each), depth
 * on a log scale, every point's value written beside it; measured records
 * solid, predicted ones (derived from an expectation file) dashed. */
#ifndef LC_COMPARE_SVG_H
#define LC_COMPARE_SVG_H

#include <stddef.h>
#include <stdio.h>

#include "compare.h"

/* Does the catalogue have depth cases of this socket kind? */
int plot_kind_known(const char *kind);

/* The kinds it has, comma-separated. */
void plot_kinds(char *buf, size_t len);

/* Writes the plot (an <svg> element with its namespace, no XML prolog, so
 * that it stands alone as a file and inline in HTML alike). */
void plot_depth_svg(FILE *f, const struct comparison *cmp, const char *kind);

/* Writes s as XML character data or attribute text: markup characters as
 * entities, control characters and bytes that are not UTF-8 replaced. */
void xml_text(FILE *f, const char *s);

#endif
