import json


def test_the_openapi_document_describes_the_places_endpoints(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")

    paths = schema["paths"]

    def parameters(path: str) -> set[str]:
        return {p["name"] for p in paths[path]["get"]["parameters"]}

    assert parameters("/api/v1/places") == {"q", "postcode", "theme", "page", "page_size"}
    assert parameters("/api/v1/places/{id}") == {"id"}
    assert parameters("/api/v1/places/{id}/openings") == {"id", "start", "end"}

    components = schema["components"]["schemas"]
    assert "distance_m" in components["PlaceOut"]["properties"]
    assert {"count", "next", "previous", "results"} <= set(components["PlacePage"]["properties"])
    opening = components["OpeningOut"]["properties"]
    assert {"start", "end", "status", "reason", "organisations", "themes"} <= set(opening)
    assert opening["start"]["format"] == "date-time"
    assert opening["status"]["enum"] == ["open", "closed"]
    # Every endpoint says what its errors look like.
    for operations in paths.values():
        for operation in operations.values():
            assert operation["responses"]["400"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }


def test_the_api_root_points_to_its_document_and_the_places(client, db):
    assert client.get("/api/v1/").json() == {
        "openapi-json": "http://testserver/api/v1/openapi.json",
        "openapi-view": "http://testserver/api/v1/docs",
        "places": "http://testserver/api/v1/places",
    }


def test_the_docs_page_uses_naobers_own_copy_of_swagger_ui(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/static/ninja/swagger-ui-bundle.js" in response.content
    assert b"cdn.jsdelivr" not in response.content
