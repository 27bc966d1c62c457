using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CustomerSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Substring search (any 4+ phone digits, part of a name or email) without scanning a million rows:
            // an FTS5 trigram index over the customers table, kept current by triggers.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE customer_search USING fts5(
                    name, code, phone_digits, email_normalized,
                    content='customers', content_rowid='id', tokenize='trigram');
                """);
            migrationBuilder.Sql("INSERT INTO customer_search(customer_search) VALUES ('rebuild');");
            migrationBuilder.Sql("""
                CREATE TRIGGER customers_search_insert AFTER INSERT ON customers BEGIN
                    INSERT INTO customer_search(rowid, name, code, phone_digits, email_normalized)
                    VALUES (new.id, new.name, new.code, new.phone_digits, new.email_normalized);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER customers_search_delete AFTER DELETE ON customers BEGIN
                    INSERT INTO customer_search(customer_search, rowid, name, code, phone_digits, email_normalized)
                    VALUES ('delete', old.id, old.name, old.code, old.phone_digits, old.email_normalized);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER customers_search_update AFTER UPDATE OF name, code, phone_digits, email_normalized ON customers BEGIN
                    INSERT INTO customer_search(customer_search, rowid, name, code, phone_digits, email_normalized)
                    VALUES ('delete', old.id, old.name, old.code, old.phone_digits, old.email_normalized);
                    INSERT INTO customer_search(rowid, name, code, phone_digits, email_normalized)
                    VALUES (new.id, new.name, new.code, new.phone_digits, new.email_normalized);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS customers_search_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS customers_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS customers_search_update;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS customer_search;");
        }
    }
}
