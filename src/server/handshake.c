/*
 * handshake.c — the first exchange of a session: the client's Hello, answered by Welcome with
 * the version both speak and the functions this server executes, or by Bye when the client
 * speaks no version of ours (reason 2) or lays out its structures differently (reason 1).
 */
#include <stdio.h>
#include <string.h>

#include "server.h"
#include "slog.h"

/* The versions this server speaks. */
#define HANDSHAKE_MIN_VERSION PROTO_VERSION
#define HANDSHAKE_MAX_VERSION PROTO_VERSION

/* The highest version in both [lo, hi] and ours, or 0. */
static uint32_t handshake_version(uint32_t lo, uint32_t hi)
{
    uint32_t v = hi < HANDSHAKE_MAX_VERSION ? hi : HANDSHAKE_MAX_VERSION;
    return v >= lo && v >= HANDSHAKE_MIN_VERSION ? v : 0;
}

/* Sends Welcome for version `version`. */
static void handshake_welcome(struct session *s, uint32_t version)
{
    static uint32_t ids[PROTO_MAX_FUNCTIONS];
    struct proto_msg msg;
    memset(&msg, 0, sizeof(msg));
    msg.type = PROTO_WELCOME;
    msg.welcome.version = version;
    msg.welcome.max_frame = PROTO_MAX_FRAME;
    msg.welcome.api_version = 0x00020002;
    msg.welcome.n_functions = execute_functions(ids, PROTO_MAX_FUNCTIONS);
    msg.welcome.functions = ids;
    msg.welcome.server_name = (struct proto_bytes){(const uint8_t *)"tapixd", 6};
    msg.welcome.abi = (struct proto_bytes){(const uint8_t *)PROTO_ABI, strlen(PROTO_ABI)};
    session_send(s, &msg);
}

void handshake_hello(struct session *s, const struct proto_hello *hello)
{
    char text[PROTO_MAX_NAME];
    uint32_t version = handshake_version(hello->min_version, hello->max_version);
    if (!version) {
        snprintf(text, sizeof(text), "no shared protocol version: client %u-%u, server %u-%u",
                 hello->min_version, hello->max_version, HANDSHAKE_MIN_VERSION,
                 HANDSHAKE_MAX_VERSION);
        slog(SLOG_INFO, "client %llu (pid %d): %s", (unsigned long long)s->id, (int)s->pid, text);
        session_end(s, PROTO_BYE_NO_VERSION, text);
        return;
    }
    if (hello->abi.len != strlen(PROTO_ABI) ||
        memcmp(hello->abi.data, PROTO_ABI, hello->abi.len) != 0) {
        snprintf(text, sizeof(text), "structure layout \"%.*s\" differs from the server's \"%s\"",
                 (int)(hello->abi.len < 64 ? hello->abi.len : 64),
                 hello->abi.data ? (const char *)hello->abi.data : "", PROTO_ABI);
        slog(SLOG_INFO, "client %llu (pid %d): %s", (unsigned long long)s->id, (int)s->pid, text);
        session_end(s, PROTO_BYE_PROTOCOL_ERROR, text);
        return;
    }
    s->version = version;
    s->state = SESSION_READY;
    slog(SLOG_INFO, "client %llu: \"%.*s\" (pid %d) speaks version %u", (unsigned long long)s->id,
         (int)(hello->app_name.len < 64 ? hello->app_name.len : 64),
         hello->app_name.data ? (const char *)hello->app_name.data : "", (int)s->pid, version);
    handshake_welcome(s, version);
}
