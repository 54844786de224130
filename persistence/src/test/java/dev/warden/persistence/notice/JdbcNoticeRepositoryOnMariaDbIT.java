package dev.warden.persistence.notice;

import dev.warden.persistence.OnMariaDb;

@OnMariaDb
class JdbcNoticeRepositoryOnMariaDbIT extends JdbcNoticeRepositoryContract {}
