using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CustomerSinceFirstOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A customer is never "since" a day after their first order (issue 17): customers imported without created_at
            // take the import's day, and a model run as of a past day dropped them although their orders were there.
            // Orders written by any path (import, API, demo) lower created_at to the first order; existing data too.
            // ordered_at is the business's local time and a created_at's day is its UTC date (an imported date is stored
            // as that day's midnight UTC), so the local wall time is read as UTC.
            migrationBuilder.Sql("""
                CREATE FUNCTION customers_since_first_order() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE customers c SET created_at = n.first_at
                  FROM (SELECT customer_id, min(ordered_at) AT TIME ZONE 'UTC' AS first_at FROM new_rows GROUP BY customer_id) n
                  WHERE c.id = n.customer_id AND c.created_at > n.first_at;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER trg_orders_customer_since_insert AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION customers_since_first_order();
                CREATE TRIGGER trg_orders_customer_since_update AFTER UPDATE ON orders REFERENCING NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION customers_since_first_order();
                UPDATE customers c SET created_at = r.first_order_at AT TIME ZONE 'UTC'
                FROM customer_rollups r WHERE r.customer_id = c.id AND c.created_at > r.first_order_at AT TIME ZONE 'UTC';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_customer_since_insert ON orders;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_customer_since_update ON orders;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS customers_since_first_order();");
        }
    }
}
