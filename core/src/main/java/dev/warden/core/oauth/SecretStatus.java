package dev.warden.core.oauth;

/** Where a service principal secret stands; a deleted secret is gone, so it has no status. */
public enum SecretStatus {
    /** It obtains access tokens. */
    ACTIVE,
    /** Its lifetime is over; it obtains nothing, and it stays listed until someone deletes it. */
    EXPIRED
}
