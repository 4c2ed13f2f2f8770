"""The home page (/): what it always showed for visitors; for a signed-in person, also their arenas, what
waits for them and what ends soon (``arenas.home``)."""

from django.shortcuts import render

from ..home import home_for


def home(request):
    context = {"home": home_for(user=request.user)} if request.user.is_authenticated else {}
    return render(request, "home.html", context)
