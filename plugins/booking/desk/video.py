"""Each confirmed booking's video call address (BOOKING["video"]).

With `rooms_at` (a Jitsi server, or any service whose rooms are a name
after its address) every booking gets its own room: the session's slot and
96 random bits, so nobody can guess another client's call from their own.
"""

from __future__ import annotations

import secrets

from ...config.desk import Video


def new_room(video: Video, slot_id: str) -> str:
    if video.room:
        return video.room
    if video.rooms_at:
        slug = slot_id.rsplit("-", 1)[0]
        return f"{video.rooms_at}{slug}-{secrets.token_hex(12)}"
    return ""
