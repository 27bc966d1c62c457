using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Guanxi.Data.Sqlite.Migrations
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
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_orders_customer_since_insert AFTER INSERT ON orders BEGIN
                  UPDATE customers SET created_at = new.ordered_at WHERE id = new.customer_id AND created_at > new.ordered_at;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER trg_orders_customer_since_update AFTER UPDATE OF ordered_at, customer_id ON orders BEGIN
                  UPDATE customers SET created_at = new.ordered_at WHERE id = new.customer_id AND created_at > new.ordered_at;
                END;
                """);
            migrationBuilder.Sql("""
                UPDATE customers SET created_at = (SELECT r.first_order_at FROM customer_rollups r WHERE r.customer_id = customers.id)
                WHERE created_at > (SELECT r.first_order_at FROM customer_rollups r WHERE r.customer_id = customers.id);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_customer_since_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS trg_orders_customer_since_update;");
        }
    }
}
