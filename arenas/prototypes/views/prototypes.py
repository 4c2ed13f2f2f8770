from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..selectors import prototype_get_for_viewer


@require_GET
def prototype_detail(request, slug, prototype_id):
    prototype = prototype_get_for_viewer(slug=slug, prototype_id=prototype_id, viewer=request.user)
    return render(request, "prototypes/detail.html", {"arena": prototype.arena, "prototype": prototype})
