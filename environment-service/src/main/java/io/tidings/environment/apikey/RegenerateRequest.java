package io.tidings.environment.apikey;

/** @param keepPreviousFor seconds the current key keeps working; absent or 0 revokes it at once */
public record RegenerateRequest(Long keepPreviousFor) {

    static final RegenerateRequest REVOKE_AT_ONCE = new RegenerateRequest(0L);
}
