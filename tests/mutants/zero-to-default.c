/* zero-to-default: the port reads backlog 0 as "use the default" and
 * passes SOMAXCONN on.
 * mutant-kind: bug
 * mutant-imitates: backlog 0 replaced by SOMAXCONN
 * mutant-explains: ^(depth|limit)\.[a-z0-9-]+\.0$
 * mutant-short: check_depth_ns16 */
#include "shim.h"
LISTEN_BACKLOG_SHIM(b == 0 ? SOMAXCONN : b)
