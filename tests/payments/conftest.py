import pytest


@pytest.fixture
def fake_stripe(settings):
    from tests.payments.fake_stripe import FakeStripe

    fake = FakeStripe("whsec_test_secret").start()
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = fake.webhook_secret
    settings.STRIPE_API_BASE = fake.base
    yield fake
    fake.stop()
