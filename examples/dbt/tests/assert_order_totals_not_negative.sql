-- A singular test: the rows it returns are the failures.
select order_id, order_total
from {{ ref('fct_orders') }}
where order_total < 0
