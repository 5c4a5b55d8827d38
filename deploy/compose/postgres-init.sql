-- One database per service (deploy/compose/compose.yaml); each service's Flyway creates its schema at start.
CREATE DATABASE lead;
CREATE DATABASE deal;
CREATE DATABASE analytics;
CREATE DATABASE notification;
CREATE DATABASE integration;
