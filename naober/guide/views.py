from django.http import HttpResponse


def home(request):
    return HttpResponse("naober")


def place(request, slug):
    return HttpResponse(slug)


def place_calendar(request, slug):
    return HttpResponse(slug)


def overview(request, slug):
    return HttpResponse(slug)


def municipality_calendar(request, slug):
    return HttpResponse(slug)
