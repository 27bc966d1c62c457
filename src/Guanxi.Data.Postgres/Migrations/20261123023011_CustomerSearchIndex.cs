using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CustomerSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Substring search (any 4+ phone digits, part of a name or email) without scanning a million rows:
            // trigram GIN indexes serve LIKE/ILIKE '%…%'. pg_trgm is a trusted extension (PostgreSQL 13+).
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX ix_customers_name_trgm ON customers USING gin (name gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_customers_code_trgm ON customers USING gin (code gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_customers_phone_digits_trgm ON customers USING gin (phone_digits gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_customers_email_normalized_trgm ON customers USING gin (email_normalized gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_contacts_phone_digits_trgm ON contacts USING gin (phone_digits gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_customers_name_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_customers_code_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_customers_phone_digits_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_customers_email_normalized_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_contacts_phone_digits_trgm;");
        }
    }
}
