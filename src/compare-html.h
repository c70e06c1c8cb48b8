/* compare-html.h: a comparison as one self-contained HTML page: the depth
 * plot (inline SVG), every case side by side with the same marks as the
 * text table (compare.h), and each platform's facts and counts.  Inline CSS,
 * no scripts, nothing fetched. */
#ifndef LC_COMPARE_HTML_H
#define LC_COMPARE_HTML_H

#include <stdio.h>

#include "compare.h"

/* kind: the socket kind of the plot (plot_kind_known()). */
void html_report(FILE *f, const struct comparison *cmp, const char *kind);

#endif
