-- A structure's team (issue 17, part 6): each member is an administrator or an editor,
-- and an invitation says which the colleague becomes. Everyone who was a member is an
-- administrator (they could all invite before).
ALTER TABLE structure_members ADD COLUMN role TEXT NOT NULL DEFAULT 'admin'
    CHECK (role IN ('admin', 'editor'));
ALTER TABLE structure_invitations ADD COLUMN role TEXT NOT NULL DEFAULT 'admin'
    CHECK (role IN ('admin', 'editor'));
