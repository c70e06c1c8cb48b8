/* listen-probe: the seed experiment as one command.  A loopback listener
 * with a small backlog, more clients than fit, nothing accepted; then one
 * line per client with its state as the client sees it and whether the
 * server had queued it; then everything is accepted and counted.
 *
 *   listen-probe --backlog 5 --clients 10 [--family 4|6|unix] [--half-open]
 *
 * --half-open (TCP): the listener drops every pure ACK (lib/os/sysdep.c
 * sysdep_drop_pure_acks), so each handshake stays half-open, and the
 * server column says for every client whether the server holds it in
 * SYN_RECV (its /proc/net/tcp[6] entry), in the accept queue, or not at
 * all.  When it may, the probe first moves into a private network
 * namespace of its own with tcp_syncookies 0 there (the host's settings
 * are never touched); otherwise it says so and runs with the host's. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"
#include "errnames.h"
#include "obs.h"
#include "scene.h"
#include "sockutil.h"
#include "sysdep.h"
#include "net.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_CLIENTS 1000
/* How long connects get to settle before states are read (a SYN that was
 * dropped stays unanswered for a second; the kernel retries after that). */
#define SETTLE_MS 100

struct client {
	int fd;
	struct sockaddr_storage addr; /* its own address, to recognise it in net_accept() */
	char state[32];
	int queued;
	int synrecv; /* the server lists a SYN_RECV entry for it */
};

static void usage(FILE *out)
{
	fprintf(out, "usage: listen-probe --backlog N --clients M [--family 4|6|unix] [--half-open]\n"
		"Connects M clients to a loopback listener with backlog N, accepting none,\n"
		"and shows which of them the server queued.  M is at most %d.\n"
		"--half-open: the listener drops pure ACKs, so handshakes stay half-open\n"
		"(SYN_RECV), in a private namespace with tcp_syncookies 0 where possible.\n",
		MAX_CLIENTS);
}

static long number(const char *opt, const char *arg, long lo, long hi)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "listen-probe: %s takes a number from %ld to %ld, not '%s'\n", opt, lo,
			hi, arg);
		exit(2);
	}
	return v;
}

static int same(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return 0;
	if (a->ss_family == AF_UNIX)
		return strcmp(((const struct sockaddr_un *)a)->sun_path,
			      ((const struct sockaddr_un *)b)->sun_path) == 0;
	return sockaddr_port(a) == sockaddr_port(b);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"backlog", required_argument, NULL, 'b'},
		{"clients", required_argument, NULL, 'c'},
		{"family", required_argument, NULL, 'f'},
		{"half-open", no_argument, NULL, 'H'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct client *cl;
	struct scene s;
	struct sockaddr_storage la;
	socklen_t llen;
	struct obs o;
	long backlog = 0, clients = -1, i, queued = 0, accepted = 0, stray = 0;
	int family = AF_INET, ch, lfd, have_backlog = 0, half_open = 0;
	long synrecv = 0;
	const char *fname = "4";

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			backlog = number("--backlog", optarg, INT_MIN, INT_MAX);
			have_backlog = 1;
			break;
		case 'c': clients = number("--clients", optarg, 1, MAX_CLIENTS); break;
		case 'f':
			fname = optarg;
			if (strcmp(optarg, "4") == 0)
				family = AF_INET;
			else if (strcmp(optarg, "6") == 0)
				family = AF_INET6;
			else if (strcmp(optarg, "unix") == 0)
				family = AF_UNIX;
			else {
				fprintf(stderr, "listen-probe: --family is 4, 6 or unix\n");
				return 2;
			}
			break;
		case 'H': half_open = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (!have_backlog || clients < 0 || optind != argc) {
		usage(stderr);
		return 2;
	}
	if (half_open && family == AF_UNIX) {
		fprintf(stderr, "listen-probe: --half-open needs TCP (AF_UNIX has no handshake)\n");
		return 2;
	}
	if (half_open) {
		char why[300];
		if (sysdep_netns_enter(why, sizeof why) == 0 &&
		    sysdep_netns_write("net/ipv4/tcp_syncookies", "0", why, sizeof why) == 0)
			printf("namespace: a private one, tcp_syncookies 0, tcp_max_syn_backlog %ld\n",
			       sysdep_proc_sys_int("net/ipv4/tcp_max_syn_backlog"));
		else
			printf("namespace: the host's (tcp_syncookies %ld), because %s\n",
			       sysdep_proc_sys_int("net/ipv4/tcp_syncookies"), why);
	}
	lc_cleanup_on_signals();
	{
		char why[200];
		if (net_start(why, sizeof why) != 0) {
			fprintf(stderr, "listen-probe: the network stack %s did not start: %s\n",
				net_stack_name(), why);
			return 1;
		}
	}
	cl = calloc((size_t)clients, sizeof *cl);
	if (cl == NULL)
		return 2;
	obs_clear(&o);
	scene_init(&s);
	lfd = listening_socket(&s, family, SOCK_STREAM, (int)backlog, &la, &llen, &o);
	if (lfd < 0) {
		fprintf(stderr, "listen-probe: cannot listen: %s\n", o.note[0] ? o.note : o.token);
		scene_close(&s);
		return 1;
	}
	if (half_open) {
		char why[300];
		if (sysdep_drop_pure_acks(lfd, why, sizeof why) != 0) {
			fprintf(stderr, "listen-probe: --half-open: %s\n", why);
			scene_close(&s);
			return 1;
		}
	}
	printf("listener: %s, listen(fd, %ld), nothing accepted yet%s\n",
	       family == AF_UNIX ? "AF_UNIX stream on a private path" :
	       family == AF_INET6 ? "TCP on [::1]" : "TCP on 127.0.0.1", backlog,
	       half_open ? "; pure ACKs dropped (handshakes stay half-open)" : "");

	/* Connect every client without waiting: a client of a full queue
	 * simply stays unanswered (TCP) or is refused at once (AF_UNIX). */
	for (i = 0; i < clients; i++) {
		socklen_t alen;
		/* AF_UNIX clients get a path of their own so that accept() says
		 * which one it returned (the private directory goes at exit). */
		cl[i].fd = net_socket(family, SOCK_STREAM, 0);
		if (cl[i].fd < 0 ||
		    (family == AF_UNIX &&
		     (loopback_addr(AF_UNIX, &cl[i].addr, &alen, &o) != 0 ||
		      net_bind(cl[i].fd, (struct sockaddr *)&cl[i].addr, alen) != 0))) {
			fprintf(stderr, "listen-probe: client %ld: %s\n", i + 1, strerror(errno));
			if (cl[i].fd >= 0)
				net_close(cl[i].fd);
			break;
		}
		set_nonblocking(cl[i].fd, 1);
		if (net_connect(cl[i].fd, (struct sockaddr *)&la, llen) != 0 && errno != EINPROGRESS) {
			char e[32];
			snprintf(cl[i].state, sizeof cl[i].state, "refused (%s)",
				 errno_name(errno, e, sizeof e));
			continue;
		}
		if (family != AF_UNIX) {
			alen = sizeof cl[i].addr;
			net_getsockname(cl[i].fd, (struct sockaddr *)&cl[i].addr, &alen);
		}
	}
	clients = i;
	poll(NULL, 0, SETTLE_MS);
	for (i = 0; i < clients; i++) {
		struct pollfd p;
		if (cl[i].state[0] != '\0')
			continue;
		if (family != AF_UNIX &&
		    sysdep_tcp_state(cl[i].fd, cl[i].state, sizeof cl[i].state) == 0)
			continue;
		p.fd = cl[i].fd;
		p.events = POLLOUT;
		p.revents = 0;
		snprintf(cl[i].state, sizeof cl[i].state, "%s",
			 net_poll(&p, 1, 0) > 0 ? "connected" : "connecting");
	}
	/* The server's half-open ones, from the kernel's table, before the
	 * accept loop below changes anything. */
	for (i = 0; i < clients && family != AF_UNIX; i++) {
		char why[200];
		long n = 0;
		if (sysdep_syn_recv_count(family, sockaddr_port(&la), sockaddr_port(&cl[i].addr), &n,
					  why, sizeof why) == 0 && n > 0) {
			cl[i].synrecv = 1;
			synrecv++;
		}
	}
	/* Now the server side: everything queued, matched to its client. */
	set_nonblocking(lfd, 1);
	for (;;) {
		struct sockaddr_storage peer;
		socklen_t plen = sizeof peer;
		int a;
		memset(&peer, 0, sizeof peer);
		a = net_accept(lfd, (struct sockaddr *)&peer, &plen);
		if (a < 0)
			break;
		accepted++;
		for (i = 0; i < clients; i++)
			if (!cl[i].queued && same(&peer, &cl[i].addr))
				break;
		if (i < clients) {
			cl[i].queued = 1;
			queued++;
		} else {
			stray++;
		}
		net_close(a);
	}
	printf("\n%-8s %-24s %s\n", "client", "state (client's view)",
	       half_open ? "server's view" : "server");
	for (i = 0; i < clients; i++)
		printf("%-8ld %-24s %s\n", i + 1, cl[i].state,
		       !half_open ? (cl[i].queued ? "queued" : "not queued")
		       : cl[i].queued ? "queued (accept queue)"
		       : cl[i].synrecv ? "SYN_RECV (half-open)" : "nothing");
	if (half_open)
		printf("\nbacklog %ld, %ld clients (family %s): %ld queued, %ld half-open, %ld "
		       "nothing\n", backlog, clients, fname, queued, synrecv,
		       clients - queued - synrecv);
	else
		printf("\nbacklog %ld, %ld clients (family %s): %ld queued, %ld not queued\n",
		       backlog, clients, fname, queued, clients - queued);
	if (half_open && queued > 0 && synrecv == 0)
		printf("(the filter was accepted but held no handshake: this stack does not filter "
		       "TCP segments with SO_ATTACH_FILTER)\n");
	if (stray > 0)
		printf("(%ld accepted connections matched no client)\n", stray);
	for (i = 0; i < clients; i++)
		net_close(cl[i].fd);
	free(cl);
	scene_close(&s);
	return 0;
}
