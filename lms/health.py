"""A liveness probe for load balancers and the benchmark's ceiling.

It touches neither the database nor the cache: it answers whether this process
serves requests, and in `bench/run` it is the cost of Django's own request cycle
(middleware included) that every other page's throughput is compared with.
"""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
