import factory
import wagtail_factories
from wagtail.models import Collection


def root_collection():
    return Collection.get_first_root_node()


class RootImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (wagtail_factories' default makes a new
    root, outside the one that group permissions are set on)."""

    collection = factory.LazyFunction(root_collection)
    description = "A person reading a leaflet"


class RootDocumentFactory(wagtail_factories.DocumentFactory):
    collection = factory.LazyFunction(root_collection)
