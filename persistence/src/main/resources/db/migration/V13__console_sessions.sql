-- Console sessions in the database (issue 17, DESIGN § Scale): Spring Session JDBC's tables, so any node continues a
-- session another node started, and a sign-out or an ended session holds on every node. Adapted from Spring Session's
-- schema-mysql.sql (4.1): the same tables, columns and indexes, under Spring Session's default (upper-case) names,
-- which MySQL and MariaDB on Linux compare case-sensitively; an explicit collation like every Warden table; no
-- ROW_FORMAT (H2 does not know it; DYNAMIC is the InnoDB default anyway). Spring Session's own schema initialisation is
-- off (spring.session.jdbc.initialize-schema=never): Flyway owns the schema. Runs unchanged on MySQL 8, MariaDB 11
-- and H2 (MySQL mode).

CREATE TABLE SPRING_SESSION (
    PRIMARY_ID            CHAR(36)     NOT NULL,
    SESSION_ID            CHAR(36)     NOT NULL,
    CREATION_TIME         BIGINT       NOT NULL,
    LAST_ACCESS_TIME      BIGINT       NOT NULL,
    MAX_INACTIVE_INTERVAL INT          NOT NULL,
    EXPIRY_TIME           BIGINT       NOT NULL,
    PRINCIPAL_NAME        VARCHAR(100) NULL,
    CONSTRAINT SPRING_SESSION_PK PRIMARY KEY (PRIMARY_ID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE UNIQUE INDEX SPRING_SESSION_IX1 ON SPRING_SESSION (SESSION_ID);
CREATE INDEX SPRING_SESSION_IX2 ON SPRING_SESSION (EXPIRY_TIME);
CREATE INDEX SPRING_SESSION_IX3 ON SPRING_SESSION (PRINCIPAL_NAME);

CREATE TABLE SPRING_SESSION_ATTRIBUTES (
    SESSION_PRIMARY_ID CHAR(36)     NOT NULL,
    ATTRIBUTE_NAME     VARCHAR(200) NOT NULL,
    ATTRIBUTE_BYTES    BLOB         NOT NULL,
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_PK PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
    CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID)
        REFERENCES SPRING_SESSION (PRIMARY_ID) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Leases of work that must run on one node at a time (a future notification sender, say): a node takes the row named
-- after the work with a conditional UPDATE when it is free or its lease ran out, and holds it until `lease_until`.
CREATE TABLE work_lease (
    name        VARCHAR(64)  NOT NULL,
    owner       VARCHAR(128) NOT NULL,
    lease_until DATETIME(6)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
