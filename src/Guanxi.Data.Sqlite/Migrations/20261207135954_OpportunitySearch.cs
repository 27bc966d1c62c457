using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OpportunitySearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "q",
                table: "opportunity_views",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // Searching titles for any fragment of three or more characters without scanning a million rows: an FTS5
            // trigram index over the titles, kept current by triggers (as customer_search is).
            migrationBuilder.Sql("CREATE VIRTUAL TABLE opportunity_search USING fts5(title, content='opportunities', content_rowid='id', tokenize='trigram');");
            migrationBuilder.Sql("INSERT INTO opportunity_search(opportunity_search) VALUES ('rebuild');");
            migrationBuilder.Sql("""
                CREATE TRIGGER opportunities_search_insert AFTER INSERT ON opportunities BEGIN
                    INSERT INTO opportunity_search(rowid, title) VALUES (new.id, new.title);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER opportunities_search_delete AFTER DELETE ON opportunities BEGIN
                    INSERT INTO opportunity_search(opportunity_search, rowid, title) VALUES ('delete', old.id, old.title);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER opportunities_search_update AFTER UPDATE OF title ON opportunities BEGIN
                    INSERT INTO opportunity_search(opportunity_search, rowid, title) VALUES ('delete', old.id, old.title);
                    INSERT INTO opportunity_search(rowid, title) VALUES (new.id, new.title);
                END;
                """);

            // One- and two-character fragments ("空调") without a scan of every title: one token per character, as
            // customer_name_chars does for names (decision 0008; the same 200-character bound).
            var spaced = NameCharacterSearch.Spaced;
            migrationBuilder.Sql("CREATE VIRTUAL TABLE opportunity_title_chars USING fts5(title_chars, content='', tokenize='unicode61 remove_diacritics 0');");
            migrationBuilder.Sql($"INSERT INTO opportunity_title_chars(rowid, title_chars) SELECT id, {spaced("title")} FROM opportunities;");
            migrationBuilder.Sql($"""
                CREATE TRIGGER opportunities_title_chars_insert AFTER INSERT ON opportunities BEGIN
                    INSERT INTO opportunity_title_chars(rowid, title_chars) VALUES (new.id, {spaced("new.title")});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER opportunities_title_chars_delete AFTER DELETE ON opportunities BEGIN
                    INSERT INTO opportunity_title_chars(opportunity_title_chars, rowid, title_chars) VALUES ('delete', old.id, {spaced("old.title")});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER opportunities_title_chars_update AFTER UPDATE OF title ON opportunities BEGIN
                    INSERT INTO opportunity_title_chars(opportunity_title_chars, rowid, title_chars) VALUES ('delete', old.id, {spaced("old.title")});
                    INSERT INTO opportunity_title_chars(rowid, title_chars) VALUES (new.id, {spaced("new.title")});
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS opportunities_search_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS opportunities_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS opportunities_search_update;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS opportunity_search;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS opportunities_title_chars_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS opportunities_title_chars_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS opportunities_title_chars_update;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS opportunity_title_chars;");
            migrationBuilder.DropColumn(
                name: "q",
                table: "opportunity_views");
        }
    }
}
