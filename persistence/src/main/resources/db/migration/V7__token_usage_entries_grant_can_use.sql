-- CAN_MANAGE on authorization/tokens is reserved for workspace admins, who hold it through the workspace-admin role
-- (README, "Token usage permission"); an entry of the token usage list grants CAN_USE, and a request for CAN_MANAGE
-- is refused. An entry stored with CAN_MANAGE before this version granted nothing beyond CAN_USE, so making it
-- CAN_USE changes no one's access; it is not audited for that reason.
UPDATE token_usage_entry SET level = 'CAN_USE' WHERE level = 'CAN_MANAGE';
