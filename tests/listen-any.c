/* listen-any: the negative control of tests/wildcard.sh.  Listens on
 * 0.0.0.0 and says whether listen() was allowed.  wildcard.sh runs it only
 * inside a private network namespace (so even a broken shim exposes
 * nothing), telling the shim to treat that namespace as the host's. */
#define _POSIX_C_SOURCE 200809L
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), r;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_ANY);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		perror("listen-any");
		return 2;
	}
	r = listen(fd, 1);
	printf("%s\n", r == 0 ? "allowed" : "refused");
	close(fd);
	return 0;
}
