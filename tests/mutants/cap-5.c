/* cap-5: the backlog is capped at 5, 4.2BSD's SOMAXCONN, as a port
 * carrying an old constant would.
 * mutant-kind: bug
 * mutant-imitates: the backlog capped at a fixed 5
 * mutant-explains: ^(depth|limit)\.[a-z0-9-]+\.([6-9]|1[0-4]|SOMAXCONN|somaxconn|somaxconn\+1|INT_MAX|32768|65536)$
 * mutant-short: check_depth_ns16 */
#include "shim.h"
LISTEN_BACKLOG_SHIM(b > 5 ? 5 : b)
