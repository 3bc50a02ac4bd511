"""Test senders: one that always fails, one that records what it sent."""
from unionhome.notifications.channels import Sender

SENT: list = []


class BrokenSmsSender(Sender):
    channel, label = "sms", "短信"

    def address(self, user):
        return "13800000000"

    def send(self, **kwargs):
        raise ConnectionError("短信网关无响应")


class RecordingWecomSender(Sender):
    channel, label = "wecom", "企业微信"

    def address(self, user):
        return user.get_username()

    def send(self, *, user, address, title, body, link):
        SENT.append((address, title))
