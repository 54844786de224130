-- Which recipient rules a workspace's notices follow (issue 18): comma-separated names of core NoticeRecipient
-- (owner, on_behalf_of_creator, group_admins, workspace_admins); every rule by default, so existing workspaces keep
-- telling everyone they told before. Runs unchanged on MySQL 8, MariaDB 11 and H2 (MySQL mode).
ALTER TABLE notice_setting ADD COLUMN recipients VARCHAR(100) NOT NULL
    DEFAULT 'owner,on_behalf_of_creator,group_admins,workspace_admins';
