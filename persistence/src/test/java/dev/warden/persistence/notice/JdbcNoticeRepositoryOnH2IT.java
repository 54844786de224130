package dev.warden.persistence.notice;

import dev.warden.persistence.OnH2;

@OnH2
class JdbcNoticeRepositoryOnH2IT extends JdbcNoticeRepositoryContract {}
