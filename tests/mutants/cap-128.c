/* cap-128: the port caps the backlog at a fixed 128 (an old SOMAXCONN)
 * whatever the system's limit says.
 * mutant-kind: bug
 * mutant-imitates: the backlog capped at a fixed 128
 * mutant-explains: ^(depth|limit)\.[a-z0-9-]+\.(SOMAXCONN|somaxconn|somaxconn\+1|INT_MAX|32768|65536)$
 * mutant-short: check_depth */
#include "shim.h"
LISTEN_BACKLOG_SHIM(b > 128 ? 128 : b)
