/* scene.h: the sockets and files one case sets up, and their cleanup.
 *
 * A situation builds a scene; the observer acts on scene.fd; scene_close()
 * releases every descriptor and removes every socket path, whatever
 * happened in between. */
#ifndef LC_SCENE_H
#define LC_SCENE_H

#include <sys/socket.h>

#define SCENE_MAX_FDS 128
#define SCENE_MAX_PATHS 4
#define SCENE_PATH_MAX 108

struct scene {
	int fd; /* the descriptor the observer works on, -1 if none */
	int fds[SCENE_MAX_FDS];
	int nfds;
	char paths[SCENE_MAX_PATHS][SCENE_PATH_MAX];
	int npaths;
	/* the target's own address, where the situation bound one */
	struct sockaddr_storage addr;
	socklen_t addrlen;
};

void scene_init(struct scene *s);

/* Remembers fd for closing; returns fd (or -1 when fd is -1 or the scene is
 * full, in which case fd is closed at once). */
int scene_keep(struct scene *s, int fd);

/* Remembers a filesystem path to unlink. */
void scene_keep_path(struct scene *s, const char *path);

/* Closes fd now and forgets it. */
void scene_drop(struct scene *s, int fd);

void scene_close(struct scene *s);

#endif
