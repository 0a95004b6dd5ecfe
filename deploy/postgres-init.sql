-- Runs once, when the Postgres volume is created: Inngest keeps its own history
-- in a database of its own, beside the app's.
CREATE DATABASE inngest OWNER resale;
