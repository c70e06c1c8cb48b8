/* check_errors: the error cases (errno.*) and SO_ACCEPTCONN (accepting.*),
 * each judged against results/<platform>.exp. */
#include "harness.h"

int main(void)
{
	static const char *const prefixes[] = {"errno.", "accepting.", NULL};
	return harness_area_main("errors", prefixes, -1);
}
