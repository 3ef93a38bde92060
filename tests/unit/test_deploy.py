"""The deployment files agree with the code: every service has a compose
container, every setting is documented and configurable through the environment."""
import re
from dataclasses import fields
from pathlib import Path

import yaml

from services.common.config import Settings
from services.gateway.config import GatewaySettings
from services.meetings.config import MeetingSettings
from services.notifications.config import NotificationSettings
from services.portal.config import PortalSettings
from services.reporting.config import ReportingSettings
from services.runner import SERVICE_MODULES, existing_modules

ROOT = Path(__file__).resolve().parents[2]


def test_every_existing_service_has_a_compose_container():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    for module in existing_modules():
        name = module.split(".")[1]
        assert name in compose["services"], f"{name} missing from docker-compose.yml"
        assert compose["services"][name]["environment"]["SERVICE"] == name
    assert {"rabbitmq", "mongo", "minio", "minio-bootstrap"} <= set(compose["services"])
    assert set(SERVICE_MODULES) >= set(existing_modules())


def test_every_setting_is_in_the_config_file_and_the_readme():
    config = (ROOT / "deploy" / "config.yaml").read_text()
    readme = (ROOT / "README.md").read_text()
    names = {f.name for cls in (NotificationSettings, MeetingSettings,
                                                  ReportingSettings, PortalSettings) for f in fields(cls)}
    names |= {f.name for f in fields(GatewaySettings)}
    for name in sorted(names):  # the shared settings and each service's own
        assert re.search(rf"^{name}: \$\{{{name}:", config, re.M), f"{name} not in deploy/config.yaml"
        assert f"`{name}`" in readme or f"`{name} " in readme or f"{name}`" in readme, f"{name} not in README"


def test_nameko_run_finds_exactly_one_service_in_each_module():
    # `nameko run` treats every class with entrypoints in the module's namespace as
    # a service, and touches every attribute (a mongoengine class would query the DB)
    from nameko.cli.run import import_service
    for module in existing_modules():
        services = import_service(module)
        assert len(services) == 1, f"{module}: {services}"
        assert services[0].name == module.split(".")[1]
