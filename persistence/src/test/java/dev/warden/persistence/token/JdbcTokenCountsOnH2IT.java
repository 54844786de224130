package dev.warden.persistence.token;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcTokenCountsOnH2IT extends JdbcTokenCountsContract {}
